// tag: named entities (persons, organizations and armed groups, places,
// facilities). (Interim: gazetteer places only, until the trained tagger lands.)
import { defineStage } from '../pipeline.js';
import { findPlaceMentions } from './geo.js';

export const tagEntities = defineStage({
  name: 'tag',
  requires: ['norm', 'tokens'],
  adds: ['entities'],
  run(doc, ctx) {
    return { ...doc, entities: findPlaceMentions(doc, ctx) };
  },
});
