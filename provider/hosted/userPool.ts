/** The UserPool provider as its own module: see provider.ts. */
import { hostedProvider } from "./provider";

export = hostedProvider("userPool");
