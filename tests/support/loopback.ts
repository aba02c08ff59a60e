/** A local HTTP server for tests: on 127.0.0.1 at a free port, and stoppable at once. */
import type * as http from "http";
import type { AddressInfo, Socket } from "net";

export interface LoopbackServer {
    endpoint: string;
    /** Closes the server, dropping keep-alive connections the SDK holds open (close alone would wait for them). */
    stop(): Promise<void>;
}

export async function listenOnLoopback(server: http.Server): Promise<LoopbackServer> {
    const sockets = new Set<Socket>();
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        stop: () =>
            new Promise<void>((resolve) => {
                for (const socket of sockets) socket.destroy();
                server.close(() => resolve());
            }),
    };
}
