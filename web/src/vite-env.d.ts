/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional raster basemap tile URL template ({z}/{x}/{y}), e.g. PDOK BRT-Achtergrondkaart. */
  readonly VITE_BASEMAP_URL?: string;
}
