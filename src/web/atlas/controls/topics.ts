import type { MessageKey } from '../../i18n/index.js'
import { isKnownTopic } from './indicatorSearch.js'

/** The translated name of a topic; an unknown topic (edited by planners) shows as it is stored. */
export function topicName(topic: string, t: (key: MessageKey) => string): string {
  return isKnownTopic(topic) ? t(`controls.topic.${topic}`) : topic
}
