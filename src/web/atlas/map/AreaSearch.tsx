import { type FormEvent, memo, useId, useState } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'

export interface AreaOption {
  code: string
  name: string
}

/** The area a typed text names: exact code, exact name, else the only name containing it. */
export function findArea(options: readonly AreaOption[], query: string): AreaOption | undefined {
  const text = query.trim().toLowerCase()
  if (!text) return undefined
  const label = (o: AreaOption) => `${o.name} (${o.code})`.toLowerCase()
  const exact = options.find(
    (o) => o.code.toLowerCase() === text || o.name.toLowerCase() === text || label(o) === text,
  )
  if (exact) return exact
  const partial = options.filter((o) => label(o).includes(text))
  return partial.length === 1 ? partial[0] : undefined
}

/**
 * A search box for an area of the layer (with suggestions): the keyboard way to find an area on
 * the map, zoom to it and select it; the selected area links to its profile.
 */
export function AreaSearch({
  options,
  layerName,
  selected,
  profileHref,
  onSelect,
  onZoom,
}: {
  options: readonly AreaOption[]
  layerName: string
  selected: AreaOption | null
  profileHref: string | null
  onSelect: (code: string | null) => void
  onZoom: (code: string) => void
}) {
  const { t } = useI18n()
  const listId = useId()
  const hintId = useId()
  const [query, setQuery] = useState('')
  const [notFound, setNotFound] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const area = findArea(options, query)
    if (!area) {
      setNotFound(query)
      return
    }
    setNotFound(null)
    onSelect(area.code)
    onZoom(area.code)
  }

  return (
    <div className="control-group" data-testid="atlas-area-search">
      <form className="field" onSubmit={submit} role="search">
        <label htmlFor="atlas-area">{t('atlas.area.search')}</label>
        <p className="field__hint" id={hintId}>
          {t('atlas.area.searchHint')}
        </p>
        <div className="atlas-search__row">
          <input
            id="atlas-area"
            type="search"
            list={listId}
            value={query}
            autoComplete="off"
            aria-describedby={hintId}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button button--secondary">
            {t('atlas.area.go')}
          </button>
        </div>
        <AreaList id={listId} options={options} />
        {notFound !== null && (
          <p className="field__error" role="alert">
            {t('atlas.area.notFound', { query: notFound, layer: layerName })}
          </p>
        )}
      </form>
      {selected && (
        <div className="atlas-selection" data-testid="atlas-selection">
          <p>{t('atlas.area.selected', { name: `${selected.name} (${selected.code})` })}</p>
          <div className="atlas-selection__actions">
            {profileHref && (
              <a className="button button--secondary" href={profileHref}>
                {t('atlas.area.profile')}
              </a>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onZoom(selected.code)}
            >
              {t('atlas.area.zoom')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onSelect(null)}
            >
              {t('atlas.area.clear')}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}

/**
 * The suggestions, re-rendered only when the areas change: a national layer has ~11,000 of them,
 * and comparing them again on every switch of indicator or year cost the atlas ~20 ms per switch.
 */
const AreaList = memo(function AreaList({
  id,
  options,
}: {
  id: string
  options: readonly AreaOption[]
}) {
  return (
    <datalist id={id}>
      {options.map((option) => (
        <option key={option.code} value={`${option.name} (${option.code})`} />
      ))}
    </datalist>
  )
})
