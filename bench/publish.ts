/**
 * Where published benchmark results live. An ordinary `npm run bench` writes to the untracked
 * bench-results/; `--publish` (a release, on purpose) rewrites only the generated part of
 * docs/performance.md and the files in docs/performance/.
 */
import * as path from "path";

export const PUBLISHED_PAGE = path.join("docs", "performance.md");
export const PUBLISHED_DIR = path.join("docs", "performance");
export const GENERATED_START = "<!-- npm run bench -- --publish writes from here -->";
export const GENERATED_END = "<!-- to here -->";

/** The page with its generated part replaced by `generated`; the hand-written text around it is kept. */
export function publishInto(pageText: string, generated: string): string {
    const start = pageText.indexOf(GENERATED_START);
    const end = pageText.indexOf(GENERATED_END);
    if (start < 0 || end < start) throw new Error(`${PUBLISHED_PAGE} has lost its markers "${GENERATED_START}" and "${GENERATED_END}"`);
    return `${pageText.slice(0, start + GENERATED_START.length)}\n\n${generated.trim()}\n\n${pageText.slice(end)}`;
}
