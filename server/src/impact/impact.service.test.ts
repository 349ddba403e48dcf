import { describe, expect, it } from 'vitest';
import { touchedNodes } from './impact.service';

describe('touchedNodes', () => {
  it('merges training and serving nodes, flagging each role, with their IONs', () => {
    const row = (id: string, ionId: string | null) => ({ pipelineNodeId: id, pipelineNodeName: id, pipelineRole: 'TRAINING' as const, ionId, ionName: ionId });
    const { nodes, ions } = touchedNodes([row('train', 'ion-1'), row('both', 'ion-1')], [row('both', 'ion-1'), row('serve', 'ion-2'), row('serve', 'ion-2')]);
    expect(nodes.map((n) => [n.id, n.trains, n.serves])).toEqual([
      ['both', true, true],
      ['serve', false, true],
      ['train', true, false],
    ]);
    expect(ions.map((i) => i.id)).toEqual(['ion-1', 'ion-2']);
  });
});
