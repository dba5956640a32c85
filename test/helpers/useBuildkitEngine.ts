/**
 * Imported first by a `*.buildkit.test.ts` file: the engine suites it imports next run on the current engine
 * (Docker 28.5, BuildKit through buildx) instead of the machine's classic builder. Node's test runner gives each
 * test file a process of its own, so this reaches no other file.
 */
process.env['STAGECRAFT_TEST_ENGINE'] = 'buildkit';
