/** The round number at or above `value` that an axis ends at: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** A coordinate to a tenth of a pixel, to keep the SVG short. */
export function pixel(coordinate: number): number {
  return Math.round(coordinate * 10) / 10;
}
