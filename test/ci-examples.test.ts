/**
 * The README's CI examples and the composite action: current majors of the GitHub actions, the
 * permissions a private repository's SARIF upload needs, a current Node LTS, GitLab's report
 * artifact after fetching the target branch; and the action's step script run for real.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { assertNoKeyIn, fakeKey } from './support/fake-key.js';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** As of 2026-12: actions/checkout v7, actions/setup-node v7, github/codeql-action v4; Node 26 is the Active LTS (since 2026-10-28). */
const CURRENT = { 'actions/checkout': 'v7', 'actions/setup-node': 'v7', 'github/codeql-action/upload-sarif': 'v4' } as Record<string, string>;
const NODE_LTS = 26;

function section(heading: string): string {
  const start = README.indexOf(`${heading}\n`);
  return README.slice(start, README.indexOf('\n### ', start + heading.length));
}
interface Step { uses?: string; run?: string; with?: Record<string, unknown>; shell?: string; env?: Record<string, string> }
/** The parts of a workflow example these tests read. */
interface Workflow { jobs: Record<string, { steps: Step[] }>; permissions?: unknown }

const yamlBlocks = (text: string): unknown[] => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!) as unknown);

describe('GitHub Actions examples', () => {
  const workflows = yamlBlocks(section('### GitHub Actions')) as Workflow[];
  const steps = workflows.flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps));

  it('use the current major of each action', () => {
    const used = steps.filter((step) => step.uses && !step.uses.startsWith('pilotstatus/')).map((step) => step.uses!);
    expect(used.length).toBeGreaterThan(0);
    for (const uses of used) {
      const [name, version] = uses.split('@');
      expect(CURRENT[name!], `${uses} is not a known action`).toBeDefined();
      expect(version, uses).toBe(CURRENT[name!]);
    }
  });

  it('grant what the SARIF upload needs, private repositories included (actions: read)', () => {
    const sarif = workflows.find((workflow) => JSON.stringify(workflow).includes('upload-sarif'))!;
    expect(sarif.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    for (const workflow of workflows) expect(workflow.permissions, 'every example sets permissions').toBeDefined();
  });

  it('use the current Node LTS', () => {
    const versions = steps.filter((step) => step.uses?.startsWith('actions/setup-node')).map((step) => step.with?.['node-version']);
    expect(versions).toEqual([NODE_LTS]);
  });
});

describe('GitLab CI example', () => {
  const [pipeline] = yamlBlocks(section('### GitLab CI')) as Array<Record<string, unknown>>;
  const job = pipeline!['pilotstatus-scan'] as { image: string; variables: Record<string, unknown>; script: string[]; artifacts: { reports: Record<string, string> } };

  it('reports through artifacts:reports:secret_detection with --format gitlab, on a current Node LTS', () => {
    expect(job.image).toBe(`node:${NODE_LTS}`);
    expect(job.artifacts.reports.secret_detection).toBe('gl-secret-detection-report.json');
    expect(job.script.join('\n')).toContain('--format gitlab --output gl-secret-detection-report.json');
  });

  it('fetches the target branch before --since, with the full history', () => {
    const script = job.script.join('\n');
    expect(job.variables.GIT_DEPTH).toBe(0);
    const fetchAt = script.indexOf('git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:refs/remotes/origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"');
    expect(fetchAt).toBeGreaterThanOrEqual(0);
    expect(script.indexOf('--since "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"')).toBeGreaterThan(fetchAt);
  });
});

describe('the composite action (action.yml)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default: string }>; outputs: Record<string, { value: string }> };

  it('is a composite action on current majors, passing inputs as environment variables only', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      if (step.uses) expect(step.uses.split('@')[1], step.uses).toBe(CURRENT[step.uses.split('@')[0]!]);
      if (step.run) {
        expect(step.shell).toBe('bash');
        expect(step.run, 'an expression inside run: could inject shell code').not.toContain('${{');
      }
    }
    expect(action.inputs['node-version']!.default).toBe(String(NODE_LTS));
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.scan.outputs.exit-code }}');
  });

  it("its step script runs the scanner with the inputs: annotations, the exit code and the exit-code output", () => {
    const temp = mkdtempSync(join(tmpdir(), 'pilotstatus-action-'));
    try {
      const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string }>;
      const key = fakeKey(1600);
      const workspace = join(temp, 'workspace');
      execFileSync('mkdir', ['-p', join(workspace, 'config'), join(workspace, 'fixtures')]);
      writeFileSync(join(workspace, 'config', 'app.env'), `PILOTSTATUS_API_KEY=${key}\n`);
      writeFileSync(join(workspace, 'fixtures', 'sample.env'), `PILOTSTATUS_API_KEY=${key}\n`);
      const output = join(temp, 'github-output');
      writeFileSync(output, '');
      const step = action.runs.steps.find((entry) => entry.run)!;
      const env = {
        ...process.env,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_OUTPUT: output,
        INPUT_PATHS: '.',
        INPUT_FORMAT: 'github',
        INPUT_OUTPUT: '',
        INPUT_SINCE: '',
        INPUT_ARGS: '--exclude fixtures/**',
        INPUT_PACKAGE: join(temp, packed[0]!.filename),
      };
      expect(Object.keys(step.env!).sort()).toEqual(['INPUT_ARGS', 'INPUT_FORMAT', 'INPUT_OUTPUT', 'INPUT_PACKAGE', 'INPUT_PATHS', 'INPUT_SINCE']);
      const result = spawnSync('bash', ['-c', step.run!], { cwd: workspace, env, encoding: 'utf8', timeout: 240_000 });
      assertNoKeyIn(result.stdout + result.stderr, [key]);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toMatch(/^::error file=config\/app\.env,line=1,.*title=pilotstatus\/no-hardcoded-key::/m);
      expect(result.stdout).not.toContain('fixtures/sample.env'); // --exclude from args, glob not expanded by the shell
      expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 300_000);
});
