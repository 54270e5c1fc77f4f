/**
 * Accessible names for a MapLibre map: the canvas's label and the titles of the zoom buttons,
 * which MapLibre writes in English. Shared by the overview map and the atlas map.
 */
export function labelMap(
  canvas: HTMLElement,
  container: HTMLElement,
  label: string,
  titles: { zoomIn: string; zoomOut: string },
): void {
  canvas.setAttribute('aria-label', label)
  const buttons: [string, string][] = [
    ['.maplibregl-ctrl-zoom-in', titles.zoomIn],
    ['.maplibregl-ctrl-zoom-out', titles.zoomOut],
  ]
  for (const [selector, title] of buttons) {
    const button = container.querySelector(selector)
    button?.setAttribute('title', title)
    button?.setAttribute('aria-label', title)
  }
}
