import { describe, expect, it } from 'vitest';
import { columnsOf, ownersOf, qualityOf, tagsOf } from './openlineage.annotations';
import type { OlDataset } from './openlineage.types';

const base = { _producer: 'p', _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/X.json' };

describe('OpenLineage annotation facets', () => {
  it('keeps the tags the contract accepts, each once', () => {
    const tags = tagsOf({
      tags: {
        ...base,
        tags: [
          { key: 'tier', value: 'gold' },
          { key: 'tier', value: 'gold' },
          { key: 'a=b', value: 'x' },
          { key: 'k', value: 'v'.repeat(300) },
        ],
      },
    });
    expect(tags).toEqual([{ id: 'tag:tier=gold', key: 'tier', value: 'gold' }]);
  });

  it('reads owners as principals, people for user: names', () => {
    expect(ownersOf({ ownership: { ...base, owners: [{ name: 'user:jdoe', type: 'MAINTAINER' }, { name: 'team:data' }] } })).toEqual([
      { id: 'ol-owner:user:jdoe', name: 'user:jdoe', type: 'MAINTAINER', kind: 'HUMAN' },
      { id: 'ol-owner:team:data', name: 'team:data', type: null, kind: 'SERVICE' },
    ]);
  });

  it('maps column lineage to column edges and quality facets to JSON without facet metadata', () => {
    const dataset: OlDataset = {
      namespace: 'wh',
      name: 'features',
      facets: {
        columnLineage: {
          ...base,
          fields: { crp: { inputFields: [{ namespace: 'pg', name: 'labs', field: 'crp_mg_l', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] } },
        },
      },
      inputFacets: { dataQualityAssertions: { ...base, assertions: [{ assertion: 'not_null', success: false, column: 'crp' }] } },
    };
    expect(columnsOf(dataset, 'ol-dataset:wh:features')).toEqual([
      expect.objectContaining({
        id: 'ol-dataset:wh:features#crp',
        fromId: 'ol-dataset:pg:labs#crp_mg_l',
        fromDatasetUri: 'pg/labs',
        transformation: 'DIRECT/IDENTITY',
      }),
    ]);
    expect(qualityOf(dataset)).toEqual({ metrics: null, assertions: JSON.stringify([{ assertion: 'not_null', success: false, column: 'crp' }]) });
  });
});
