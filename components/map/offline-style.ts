import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'

const POLYGONS: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Polygon', 'MultiPolygon'],
  true,
  false,
]
const LINES: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['LineString', 'MultiLineString'],
  true,
  false,
]

/**
 * A basemap that needs nothing from the internet: a dark ground and the venue's own sketch of
 * river, parks, buildings and streets. It has no symbol layers, so it needs no glyph server;
 * text on the map is drawn as HTML markers instead.
 */
export function buildOfflineStyle(landmarks: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    name: 'Crowdwatch offline',
    sources: {
      landmarks: { type: 'geojson', data: landmarks },
    },
    layers: [
      { id: 'ground', type: 'background', paint: { 'background-color': '#0b1118' } },
      {
        id: 'landmarks-park',
        type: 'fill',
        source: 'landmarks',
        filter: ['all', POLYGONS, ['==', ['get', 'kind'], 'park']],
        paint: { 'fill-color': '#11231a', 'fill-outline-color': '#1d3a2a' },
      },
      {
        id: 'landmarks-water',
        type: 'fill',
        source: 'landmarks',
        filter: ['all', POLYGONS, ['==', ['get', 'kind'], 'water']],
        paint: { 'fill-color': '#0d2740', 'fill-outline-color': '#1b4670' },
      },
      {
        id: 'landmarks-street-area',
        type: 'fill',
        source: 'landmarks',
        filter: ['all', POLYGONS, ['==', ['get', 'kind'], 'street']],
        paint: { 'fill-color': '#1a2430' },
      },
      {
        id: 'landmarks-building',
        type: 'fill',
        source: 'landmarks',
        filter: ['all', POLYGONS, ['==', ['get', 'kind'], 'landmark']],
        paint: { 'fill-color': '#222d3a', 'fill-outline-color': '#44566b' },
      },
      {
        id: 'landmarks-water-line',
        type: 'line',
        source: 'landmarks',
        filter: ['all', LINES, ['==', ['get', 'kind'], 'water']],
        paint: {
          'line-color': '#1b4670',
          'line-width': ['interpolate', ['linear'], ['zoom'], 13, 4, 18, 40],
        },
      },
      {
        id: 'landmarks-street',
        type: 'line',
        source: 'landmarks',
        filter: ['all', LINES, ['==', ['get', 'kind'], 'street']],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': '#2a3848',
          'line-width': ['interpolate', ['linear'], ['zoom'], 13, 1, 18, 14],
        },
      },
      {
        id: 'landmarks-path',
        type: 'line',
        source: 'landmarks',
        filter: ['all', LINES, ['in', ['get', 'kind'], ['literal', ['park', 'landmark']]]],
        paint: { 'line-color': '#33465a', 'line-width': 1.5, 'line-dasharray': [2, 2] },
      },
    ],
  }
}
