// In-process tests (the library, the oracle) run git too: keep them hermetic like the CLI tests.
import { hermeticGitEnv } from '../../fixtures/git-env.js';

Object.assign(process.env, hermeticGitEnv());
for (const key of Object.keys(process.env)) {
  if (key.startsWith('GIT_') && !(key in hermeticGitEnv())) delete process.env[key];
}
