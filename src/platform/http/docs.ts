/**
 * The interactive API documentation at /api/docs: rendered in the browser from /api/openapi.json,
 * with a form per operation to try it. No external assets (works offline, fits a strict CSP).
 */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Planraum API</title>
<style>
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b; }
  header { background: #0b4ea2; color: #fff; padding: 1rem 2rem; }
  header a { color: #fff; }
  main { max-width: 70rem; margin: 0 auto; padding: 1rem 2rem 4rem; }
  h2 { border-bottom: 2px solid #0b4ea2; margin-top: 2.5rem; }
  details { border: 1px solid #c7c7c7; border-radius: 4px; margin: .5rem 0; }
  summary { padding: .5rem .75rem; cursor: pointer; }
  summary:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f9b000; outline-offset: 2px; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 700; color: #0b4ea2; }
  .path { font-family: ui-monospace, monospace; }
  .body { padding: 0 1rem 1rem; }
  label { display: block; margin-top: .5rem; font-weight: 600; }
  label small { font-weight: 400; color: #4a4a4a; }
  input { font: inherit; padding: .25rem .5rem; border: 1px solid #6b6b6b; border-radius: 3px; width: min(30rem, 100%); }
  button { font: inherit; margin-top: .75rem; padding: .4rem 1rem; background: #0b4ea2; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
  pre { background: #f3f3f3; padding: .75rem; overflow: auto; max-height: 30rem; }
</style>
</head>
<body>
<header><h1>Planraum API</h1><p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a></p></header>
<main id="main"><p>Loading the API description…</p></main>
<script src="/api/docs/docs.js"></script>
</body>
</html>`
}

export const DOCS_SCRIPT = `(() => {
  const main = document.getElementById('main')
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
    for (const child of children) node.append(child)
    return node
  }
  fetch('/api/openapi.json').then((r) => r.json()).then((doc) => {
    main.replaceChildren(el('p', {}, doc.info.description))
    const byTag = new Map()
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const tag = (op.tags && op.tags[0]) || 'other'
        if (!byTag.has(tag)) byTag.set(tag, [])
        byTag.get(tag).push({ path, method, op })
      }
    }
    let n = 0
    for (const [tag, ops] of byTag) {
      main.append(el('h2', {}, tag))
      for (const { path, method, op } of ops) {
        const body = el('div', { class: 'body' })
        if (op.description) body.append(el('p', {}, op.description))
        const form = el('form')
        const inputs = []
        for (const p of op.parameters || []) {
          const id = 'p' + n++
          const hint = [p.in, p.required ? 'required' : 'optional', p.description || '',
            p.schema && p.schema.enum ? 'one of ' + p.schema.enum.join(', ') : '',
            p.schema && p.schema.default !== undefined ? 'default ' + p.schema.default : '']
            .filter(Boolean).join(' · ')
          const input = el('input', { id, name: p.name })
          if (p.name === 'org') input.value = 'musterstadt'
          if (p.required) input.required = true
          form.append(el('label', { for: id }, p.name + ' ', el('small', {}, hint)), input)
          inputs.push({ p, input })
        }
        const out = el('pre', { 'aria-live': 'polite', hidden: '' })
        if (method === 'get') {
          form.append(el('button', { type: 'submit' }, 'Send request'))
          form.addEventListener('submit', async (event) => {
            event.preventDefault()
            let url = path
            const query = new URLSearchParams()
            for (const { p, input } of inputs) {
              if (!input.value) continue
              if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value))
              else query.set(p.name, input.value)
            }
            const full = url + (query.size ? '?' + query : '')
            const response = await fetch(full)
            const text = await response.text()
            out.hidden = false
            out.textContent = 'GET ' + full + '\\n' + response.status + ' ' +
              (response.headers.get('content-type') || '') + '\\n\\n' +
              (text.length > 20000 ? text.slice(0, 20000) + '\\n… (' + text.length + ' characters)' : text)
          })
        }
        body.append(form, out)
        main.append(el('details', {}, el('summary', {}, el('span', { class: 'method' }, method.toUpperCase()),
          el('span', { class: 'path' }, path), ' — ' + op.summary), body))
      }
    }
  }).catch((error) => { main.textContent = 'Could not load /api/openapi.json: ' + error })
})()
`
