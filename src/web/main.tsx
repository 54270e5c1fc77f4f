import './styles.css'

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './App.js'
import { prefetchAtlas } from './atlas/prefetch.js'
import { I18nProvider } from './i18n/I18nProvider.js'

prefetchAtlas(window.location)

const root = document.getElementById('root')
if (!root) throw new Error('index.html must contain <div id="root">.')

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
)
