/** Names of layers and facility categories in the UI language. */
import type { Layer } from '../http/types.js'
import type { Language, MessageKey, MessageParams } from '../i18n/index.js'

type Translate = (key: MessageKey, params?: MessageParams) => string

export function layerName(layer: Pick<Layer, 'nameDe' | 'nameEn'>, language: Language): string {
  return language === 'de' ? layer.nameDe : layer.nameEn
}

const CATEGORY_KEYS: Record<string, MessageKey> = {
  kita: 'facilities.kita',
  school: 'facilities.school',
  youth_centre: 'facilities.youth_centre',
  senior_centre: 'facilities.senior_centre',
  counselling: 'facilities.counselling',
  family_centre: 'facilities.family_centre',
}

/** The label of a facility category; an unknown category shows its own key. */
export function categoryLabel(category: string, t: Translate): string {
  const key = CATEGORY_KEYS[category]
  return key ? t(key) : category
}
