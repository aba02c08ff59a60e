/**
 * scaling.png (bench-results/, published in docs/performance/): the scaling runs as a chart, drawn with pureimage (pure JavaScript, no
 * native canvas). Three panels: provider CPU of a no-change preview against the number of pools,
 * CPU per resource at 100 and 1000 pools, and the convergence phases against their lower bound.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as PImage from "pureimage";
import type { BenchResult, PoolKind } from "./results";
import { median } from "./lib/stats";

type Context = ReturnType<ReturnType<typeof PImage.make>["getContext"]>;

const WIDTH = 1500;
const HEIGHT = 560;
const PANEL = { width: 500, left: 78, right: 24, top: 74, bottom: 78 };
const COLORS: Record<PoolKind | "bound" | "budget" | "axis" | "grid" | "text", string> = {
    minimal: "#1f77b4",
    full: "#ff7f0e",
    bound: "#9e9e9e",
    budget: "#d62728",
    axis: "#333333",
    grid: "#e6e6e6",
    text: "#111111",
};
const FONT_FAMILY = "BenchChart";

/** A TrueType font from the usual places; the chart needs one for its labels. */
function findFont(): string | undefined {
    const preferred = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf", "Arial.ttf", "arial.ttf", "Helvetica.ttf", "NotoSans-Regular.ttf"];
    const roots = ["/usr/share/fonts", "/usr/local/share/fonts", path.join(os.homedir(), ".fonts"), "/Library/Fonts", "/System/Library/Fonts", "C:\\Windows\\Fonts"];
    const found: string[] = [];
    const walk = (dir: string, depth: number): void => {
        if (depth > 4 || found.length > 500) return;
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full, depth + 1);
            else if (entry.name.toLowerCase().endsWith(".ttf")) found.push(full);
        }
    };
    for (const root of roots) walk(root, 0);
    for (const name of preferred) {
        const hit = found.find((f) => path.basename(f) === name);
        if (hit) return hit;
    }
    return found[0];
}

/** About five round tick values from 0 to at least `max`. */
function ticks(max: number): number[] {
    const raw = max / 5;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
    const values: number[] = [];
    for (let v = 0; v <= max + step * 0.001; v += step) values.push(Number(v.toPrecision(12)));
    if (values[values.length - 1] < max) values.push(values[values.length - 1] + step);
    return values;
}

function label(value: number): string {
    if (value >= 1000 && value % 1000 === 0) return `${value / 1000}k`;
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

class Chart {
    private readonly ctx: Context;

    constructor(ctx: Context, private readonly text: boolean) {
        this.ctx = ctx;
    }

    fillText(value: string, x: number, y: number, size: number, align: "left" | "center" | "right" = "left", color = COLORS.text): void {
        if (!this.text) return;
        this.ctx.font = `${size}pt ${FONT_FAMILY}`;
        this.ctx.fillStyle = color;
        let left = x;
        if (align !== "left") {
            const width = this.ctx.measureText(value).width;
            left = align === "center" ? x - width / 2 : x - width;
        }
        this.ctx.fillText(value, left, y);
    }

    line(x1: number, y1: number, x2: number, y2: number, color: string, width = 1): void {
        this.ctx.strokeStyle = color;
        this.ctx.lineWidth = width;
        this.ctx.beginPath();
        this.ctx.moveTo(x1, y1);
        this.ctx.lineTo(x2, y2);
        this.ctx.stroke();
    }

    dashed(x1: number, y: number, x2: number, color: string, width = 2): void {
        for (let x = x1; x < x2; x += 14) this.line(x, y, Math.min(x + 8, x2), y, color, width);
    }

    rect(x: number, y: number, w: number, h: number, color: string): void {
        this.ctx.fillStyle = color;
        this.ctx.fillRect(x, y, w, h);
    }

    dot(x: number, y: number, color: string): void {
        this.rect(x - 4, y - 4, 9, 9, color);
    }

    /** Frame, grid and y ticks of a panel; returns the plotting area. */
    panel(index: number, title: string, subtitle: string, yMax: number, yUnit: string): { x0: number; x1: number; y: (v: number) => number; top: number; bottom: number } {
        const left = index * PANEL.width + PANEL.left;
        const right = (index + 1) * PANEL.width - PANEL.right;
        const top = PANEL.top;
        const bottom = HEIGHT - PANEL.bottom;
        const yTicks = ticks(yMax);
        const top_ = yTicks[yTicks.length - 1];
        const y = (v: number): number => bottom - (v / top_) * (bottom - top);
        this.fillText(title, (left + right) / 2, 28, 13, "center");
        this.fillText(subtitle, (left + right) / 2, 50, 10, "center", "#555555");
        for (const t of yTicks) {
            this.line(left, y(t), right, y(t), COLORS.grid);
            this.fillText(label(t), left - 8, y(t) + 5, 10, "right");
        }
        this.fillText(yUnit, left - 8, top - 14, 10, "right", "#555555");
        this.line(left, top, left, bottom, COLORS.axis, 2);
        this.line(left, bottom, right, bottom, COLORS.axis, 2);
        return { x0: left, x1: right, y, top, bottom };
    }

    legend(x: number, y: number, entries: Array<[string, string]>): void {
        let cursor = x;
        for (const [name, color] of entries) {
            this.rect(cursor, y - 10, 12, 12, color);
            this.fillText(name, cursor + 18, y + 1, 10);
            cursor += 30 + name.length * 8;
        }
    }
}

export async function drawScalingChart(result: BenchResult, file: string): Promise<string | undefined> {
    const fontPath = findFont();
    if (fontPath) PImage.registerFont(fontPath, FONT_FAMILY).loadSync();
    const image = PImage.make(WIDTH, HEIGHT);
    const ctx = image.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const chart = new Chart(ctx, fontPath !== undefined);
    const kinds: PoolKind[] = ["minimal", "full"];

    // 1. Provider CPU of a no-change preview, by number of pools.
    {
        const rows = result.preview.filter((r) => r.provider === "UserPool");
        const floors = result.preview.filter((r) => r.provider === "no-op");
        const sizes = [...new Set(rows.map((r) => r.pools))].sort((a, b) => a - b);
        const maxPools = Math.max(1000, ...sizes);
        const yMax = Math.max(1000, ...rows.map((r) => r.cpuMs)) * 1.05;
        const p = chart.panel(0, "No-change preview: provider-process CPU", "Check + Diff through the provider host, fresh process per size", yMax, "ms");
        const x = (pools: number): number => p.x0 + (pools / maxPools) * (p.x1 - p.x0 - 10);
        for (const s of sizes) chart.fillText(label(s), x(s), p.bottom + 20, 10, "center");
        chart.fillText("pools in the stack", (p.x0 + p.x1) / 2, p.bottom + 46, 11, "center");
        for (const kind of kinds) {
            const series = rows.filter((r) => r.pool === kind).sort((a, b) => a.pools - b.pools);
            for (let i = 1; i < series.length; i++) chart.line(x(series[i - 1].pools), p.y(series[i - 1].cpuMs), x(series[i].pools), p.y(series[i].cpuMs), COLORS[kind], 3);
            for (const r of series) chart.dot(x(r.pools), p.y(r.cpuMs), COLORS[kind]);
            const last = series[series.length - 1];
            if (last) chart.fillText(`${last.cpuMs.toFixed(0)} ms`, x(last.pools) - 8, p.y(last.cpuMs) - 10, 10, "right", COLORS[kind]);
            for (const floor of floors.filter((r) => r.pool === kind)) {
                chart.rect(x(floor.pools) - 6, p.y(floor.cpuMs) - 1, 12, 3, COLORS[kind]);
                chart.fillText(`no-op ${floor.cpuMs.toFixed(0)}`, x(floor.pools) - 10, p.y(floor.cpuMs) + 16, 9, "right", COLORS[kind]);
            }
        }
        chart.legend(p.x0 + 12, p.top + 14, kinds.map((k) => [`${k} pool`, COLORS[k]]));
        chart.fillText("dash at 1k: same state, no-op provider (the SDK host's share)", p.x0 + 12, p.top + 34, 9, "left", "#555555");
        // The budget is on the provider's own share (process minus no-op), not on the plotted totals.
        const shares = kinds
            .map((kind) => [kind, result.providerShareMs?.[kind]] as const)
            .filter((entry): entry is readonly [PoolKind, number[]] => entry[1] !== undefined && entry[1].length > 0)
            .map(([kind, pairs]) => `${kind} ${median(pairs).toFixed(0)} ms`);
        if (shares.length > 0) {
            chart.fillText(`provider's own share at 1k: ${shares.join(", ")} (budget < 1000 ms)`, p.x0 + 12, p.top + 50, 9, "left", COLORS.budget);
        }
    }

    // 2. CPU per resource at 100 and 1000 pools (after the first resource).
    {
        const sizes = [100, 1000];
        const values = result.preview.filter((r) => r.provider === "UserPool" && sizes.includes(r.pools));
        const yMax = Math.max(1, ...values.map((r) => r.steadyPerResourceUs ?? 0)) * 1.25;
        const p = chart.panel(1, "CPU per resource, after the first", "linear growth: the 1000 bar within 2x the 100 bar", yMax, "µs");
        const groupWidth = (p.x1 - p.x0) / sizes.length;
        sizes.forEach((size, g) => {
            const gx = p.x0 + g * groupWidth;
            chart.fillText(`${size} pools`, gx + groupWidth / 2, p.bottom + 20, 10, "center");
            kinds.forEach((kind, k) => {
                const row = values.find((r) => r.pools === size && r.pool === kind);
                if (row?.steadyPerResourceUs === undefined) return;
                const barWidth = groupWidth * 0.3;
                const bx = gx + groupWidth * 0.18 + k * (barWidth + groupWidth * 0.04);
                const value = row.steadyPerResourceUs;
                chart.rect(bx, p.y(value), barWidth, p.bottom - p.y(value), COLORS[kind]);
                chart.fillText(value.toFixed(0), bx + barWidth / 2, p.y(value) - 6, 10, "center");
            });
        });
        chart.legend(p.x0 + 12, p.top + 14, kinds.map((k) => [`${k} pool`, COLORS[k]]));
    }

    // 3. Convergence phases against their lower bound.
    {
        const c = result.convergence;
        const phases = c?.phases ?? [];
        const yMax = Math.max(1, ...phases.map((ph) => Math.max(ph.wallS, ph.boundS * 1.5))) * 1.15;
        const p = chart.panel(
            2,
            c ? `${c.pools} pools at ${c.writesPerSecond} writes/s: wall time` : "Convergence: not measured",
            "fresh provider process per phase; red tick = 1.5x the bound",
            yMax,
            "s",
        );
        const groupWidth = (p.x1 - p.x0) / Math.max(1, phases.length);
        phases.forEach((ph, g) => {
            const gx = p.x0 + g * groupWidth;
            const barWidth = groupWidth * 0.32;
            const bound = gx + groupWidth * 0.14;
            const measured = bound + barWidth + groupWidth * 0.06;
            chart.rect(bound, p.y(ph.boundS), barWidth, p.bottom - p.y(ph.boundS), COLORS.bound);
            const color = ph.ratio <= 1.5 && ph.failures === 0 ? "#2ca02c" : COLORS.budget;
            chart.rect(measured, p.y(ph.wallS), barWidth, p.bottom - p.y(ph.wallS), color);
            chart.line(measured - 4, p.y(ph.boundS * 1.5), measured + barWidth + 4, p.y(ph.boundS * 1.5), COLORS.budget, 3);
            chart.fillText(`${ph.wallS.toFixed(1)} s`, measured + barWidth / 2, Math.min(p.y(ph.wallS), p.y(ph.boundS * 1.5)) - 8, 10, "center");
            chart.fillText(`${ph.boundS.toFixed(1)}`, bound + barWidth / 2, p.y(ph.boundS) - 6, 10, "center", "#555555");
            chart.fillText(`${ph.phase}${ph.failures > 0 ? ` (${ph.failures} failed)` : ""}`, gx + groupWidth / 2, p.bottom + 20, 10, "center");
        });
        chart.legend(p.x0 + 12, p.top + 14, [["lower bound", COLORS.bound], ["within goal", "#2ca02c"], ["over goal", COLORS.budget]]);
    }

    chart.fillText(`${result.machine.cpuModel}, ${result.machine.cores} cores, Node ${result.machine.node}, ${result.machine.date.slice(0, 10)}`, WIDTH - 12, HEIGHT - 12, 9, "right", "#777777");
    await PImage.encodePNGToStream(image, fs.createWriteStream(file));
    return fontPath ? undefined : "no TrueType font found: the chart has no labels";
}
