/**
 * Colour and shape per node type, and the Cytoscape stylesheet built from them. Shapes differ
 * as well as colours so the drawing stays readable without colour vision.
 */
import type { StylesheetJson } from 'cytoscape';

export interface NodeLook {
  color: string;
  shape:
    'ellipse' | 'round-rectangle' | 'rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'barrel' | 'tag' | 'octagon' | 'star' | 'vee' | 'rhomboid' | 'pentagon';
}

export const NODE_LOOKS: Readonly<Record<string, NodeLook>> = {
  Dataset: { color: '#2b7bb9', shape: 'barrel' },
  DatasetVersion: { color: '#5fa8d3', shape: 'barrel' },
  Feature: { color: '#1b998b', shape: 'tag' },
  Principal: { color: '#8d6cab', shape: 'ellipse' },
  Run: { color: '#f29e4c', shape: 'round-rectangle' },
  Stage: { color: '#f6c28b', shape: 'rectangle' },
  Model: { color: '#6a994e', shape: 'hexagon' },
  ModelVersion: { color: '#386641', shape: 'hexagon' },
  Approval: { color: '#c9184a', shape: 'diamond' },
  ION: { color: '#3d405b', shape: 'octagon' },
  IONInstance: { color: '#81838f', shape: 'octagon' },
  PipelineNode: { color: '#5c677d', shape: 'pentagon' },
  Deployment: { color: '#a44a3f', shape: 'rhomboid' },
  Event: { color: '#e63946', shape: 'triangle' },
  Prediction: { color: '#7b2cbf', shape: 'star' },
  Aggregate: { color: '#adb5bd', shape: 'round-rectangle' },
};

const FALLBACK: NodeLook = { color: '#6c757d', shape: 'ellipse' };
const FALLBACK_STYLE = { 'background-color': FALLBACK.color, shape: FALLBACK.shape };

/** The look of a node type; unknown types get a neutral grey circle. */
export function lookOf(type: string): NodeLook {
  return NODE_LOOKS[type] ?? FALLBACK;
}

/** The stylesheet: one rule per known type, plus root, selection, aggregate, differing, idle and path states. */
export function graphStylesheet(): StylesheetJson {
  const perType = Object.entries(NODE_LOOKS).map(([type, look]) => ({
    selector: `node[type = "${type}"]`,
    style: { 'background-color': look.color, shape: look.shape },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(short)',
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        color: '#212529',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        width: 26,
        height: 26,
        'border-width': 1,
        'border-color': '#ffffff',
        ...FALLBACK_STYLE,
      },
    },
    ...perType,
    { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#ffb703', width: 34, height: 34 } },
    {
      selector: 'node[type = "Aggregate"]',
      style: { width: 60, height: 26, 'text-valign': 'center', 'text-margin-y': 0, 'font-weight': 'bold', 'text-background-opacity': 0 },
    },
    // A run drawn with its stage DAG inside it (compound parent).
    {
      selector: 'node:parent',
      style: {
        shape: 'round-rectangle',
        'background-opacity': 0.12,
        'border-width': 2,
        'border-color': '#f29e4c',
        padding: '14px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-weight': 'bold',
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#000000' } },
    // Not active yet at the chosen time (ION view "as of").
    { selector: 'node.idle', style: { opacity: 0.35 } },
    { selector: 'node.differs', style: { 'border-width': 4, 'border-color': '#e63946', 'border-style': 'dashed' } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#adb5bd',
        'target-arrow-color': '#adb5bd',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'arrow-scale': 0.8,
        label: 'data(type)',
        'font-size': 7,
        color: '#6c757d',
        'text-rotation': 'autorotate',
        'text-opacity': 0,
      },
    },
    // Edges that only steer the DAG layout around compound runs: never seen, never clicked.
    { selector: 'edge.layout-only', style: { opacity: 0, events: 'no', label: '' } },
    { selector: 'edge:selected, edge.hover', style: { 'line-color': '#212529', 'target-arrow-color': '#212529', 'text-opacity': 1 } },
    // A highlighted path between two nodes: thick, dark, with relationship names shown.
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#0077b6', 'font-weight': 'bold' } },
    { selector: 'edge.path', style: { width: 4, 'line-color': '#0077b6', 'target-arrow-color': '#0077b6', 'text-opacity': 1, 'z-index': 10 } },
  ];
}
