import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { MARKDOWN_REPORT_TAG } from '../../src/runner/report-markdown.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  id?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: WorkflowStep[] }>;
}

async function readWorkflow(): Promise<{ text: string; workflow: Workflow }> {
  const doc = await readFile(path.join(repositoryRoot, 'docs/github-workflow.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? '');
  expect(blocks).toHaveLength(1);
  const text = blocks[0] ?? '';
  return { text, workflow: parse(text, { strict: true, uniqueKeys: true }) as Workflow };
}

const KNOWN_ACTIONS = [
  'actions/checkout@v4',
  'actions/setup-node@v4',
  'actions/upload-artifact@v4',
  'actions/github-script@v7',
];

describe('documented GitHub workflow', () => {
  it('parses as YAML with one job of steps', async () => {
    const { workflow } = await readWorkflow();

    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const jobs = Object.values(workflow.jobs);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.['runs-on']).toBe('ubuntu-latest');
  });

  it('gives every step a name and either uses or run', async () => {
    const { workflow } = await readWorkflow();
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(typeof step.name, JSON.stringify(step)).toBe('string');
      expect((step.uses === undefined) !== (step.run === undefined), step.name).toBe(true);
    }
  });

  it('names only the known actions, each once', async () => {
    const { workflow } = await readWorkflow();
    const uses = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .flatMap((step) => (step.uses === undefined ? [] : [step.uses]));

    expect(uses).toEqual(KNOWN_ACTIONS);
  });

  it('runs --check with the reports, the patch and annotations', async () => {
    const { workflow } = await readWorkflow();
    const check = workflow.jobs['check']?.steps.find((step) => step.id === 'check');

    expect(check?.run).toContain('marketo-soap-to-rest run --check --format github');
    for (const option of ['--report ', '--report-md ', '--patch-file ']) {
      expect(check?.run).toContain(option);
    }
  });

  it('finds its earlier comment by the report tag', async () => {
    const { text } = await readWorkflow();

    expect(text).toContain(`const tag = '${MARKDOWN_REPORT_TAG}';`);
  });
});
