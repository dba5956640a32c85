import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArgv, csvField, hostPathForEngine, mountSpec, runArgv, volumeSpec } from '../../common/src/engine/argv';
import { parseContainerInspect, parseContainerList, parseImageInspect, parseMount, parseVolumeList } from '../../common/src/engine/parse';
import { classify } from '../../common/src/engine/runner';
import { buildkitCheckArgv, parseBuildkitCheck } from '../../common/src/engine/buildkitCheck';
import { parseBuildxList } from '../../common/src/engine/buildx';

describe('engine: argv builders', () => {
  it('builds `build` with every option as separate argv elements', () => {
    assert.deepEqual(buildArgv({
      dockerfile: '/w/my app/Dockerfile', context: '/w/my app', tag: 'avatar:dev', target: 'build',
      buildArgs: { GO_VERSION: '1.22', EVIL: '$(rm -rf /); echo `id`' }, platform: 'linux/arm64', network: 'none',
    }), [
      'build', '--file', '/w/my app/Dockerfile', '--tag', 'avatar:dev', '--target', 'build',
      '--build-arg', 'GO_VERSION=1.22', '--build-arg', 'EVIL=$(rm -rf /); echo `id`', '--platform', 'linux/arm64', '--network', 'none', '/w/my app',
    ]);
  });

  it('quotes --mount fields with commas and quotes the way the CLI\'s CSV reader expects', () => {
    assert.equal(csvField('source=/plain/path'), 'source=/plain/path');
    assert.equal(mountSpec({ source: '/home/me/avatar files', target: '/app/shared', readOnly: false }), 'type=bind,source=/home/me/avatar files,target=/app/shared');
    assert.equal(mountSpec({ source: '/data/a,b', target: '/app/shared', readOnly: true }), 'type=bind,"source=/data/a,b",target=/app/shared,readonly');
    assert.equal(mountSpec({ source: '/data/say "hi"', target: '/in', readOnly: false }), 'type=bind,"source=/data/say ""hi""",target=/in');
    assert.equal(mountSpec({ source: 'C:\\Users\\me\\files', target: '/app/shared', readOnly: false }), 'type=bind,source=C:\\Users\\me\\files,target=/app/shared');
  });

  it('uses -v only for SELinux labels, and refuses paths -v cannot express', () => {
    assert.equal(volumeSpec({ source: '/srv/data', target: '/data', readOnly: true, selinux: 'z' }), '/srv/data:/data:ro,z');
    assert.equal(volumeSpec({ source: 'C:\\data', target: '/data', readOnly: false, selinux: 'Z' }), 'C:\\data:/data:rw,Z');
    assert.equal(volumeSpec({ source: '/odd:path', target: '/data', readOnly: false, selinux: 'z' }), undefined);
    assert.throws(() => runArgv({ image: 'x', mounts: [{ source: '/odd:path', target: '/d', readOnly: false, selinux: 'z' }] }), /SELinux/);
  });

  it('translates WSL UNC paths to the distribution\'s Linux path', () => {
    assert.equal(hostPathForEngine('\\\\wsl$\\Ubuntu\\home\\me\\files'), '/home/me/files');
    assert.equal(hostPathForEngine('\\\\wsl.localhost\\Debian\\srv'), '/srv');
    assert.equal(hostPathForEngine('/home/me'), '/home/me');
  });

  it('builds `run` with mounts, ports and the arguments that replace CMD after the image', () => {
    assert.deepEqual(runArgv({
      image: 'avatar', name: 'avatar-run', detach: true, network: 'none',
      mounts: [{ source: '/home/me/avatar-files', target: '/app/shared', readOnly: false }],
      ports: [{ host: 8080, container: 8080 }],
      args: ['./shared/src.jpg', '; rm -rf /', '$(id)'],
    }), [
      'run', '--detach', '--name', 'avatar-run', '--network', 'none',
      '--mount', 'type=bind,source=/home/me/avatar-files,target=/app/shared', '--publish', '8080:8080/tcp',
      'avatar', './shared/src.jpg', '; rm -rf /', '$(id)',
    ]);
  });
});

describe('engine: parsing CLI output', () => {
  const inspect = JSON.stringify([{
    Id: 'f00d', Name: '/avatar-run', Path: './bin/avatar', Args: ['./test.jpg', './shared/out.jpg'],
    State: { Status: 'exited' }, Config: { Image: 'avatar' },
    Mounts: [
      { Type: 'bind', Source: '/home/me/avatar-files', Destination: '/app/shared', Mode: '', RW: true, Propagation: 'rprivate' },
      { Type: 'volume', Name: 'a'.repeat(64), Source: `/var/lib/docker/volumes/${'a'.repeat(64)}/_data`, Destination: '/cache', Driver: 'local', Mode: '', RW: true, Propagation: '' },
      { Type: 'volume', Name: 'pgdata', Source: '/var/lib/docker/volumes/pgdata/_data', Destination: '/var/lib/postgresql/data', Driver: 'local', Mode: 'z', RW: false },
      { Type: 'tmpfs', Source: '', Destination: '/tmp', Mode: '', RW: true },
      { Destination: 42 },
    ],
  }]);

  it('reads mounts with named vs anonymous volumes, rw and propagation, skipping malformed entries', () => {
    const container = parseContainerInspect(inspect);
    assert.equal(container.name, 'avatar-run');
    assert.deepEqual(container.command, ['./bin/avatar', './test.jpg', './shared/out.jpg']);
    assert.deepEqual(container.mounts.map((m) => [m.type, m.anonymous, m.name, m.destination, m.readWrite, m.propagation, m.driver]), [
      ['bind', false, undefined, '/app/shared', true, 'rprivate', undefined],
      ['volume', true, 'a'.repeat(64), '/cache', true, undefined, 'local'],
      ['volume', false, 'pgdata', '/var/lib/postgresql/data', false, undefined, 'local'],
      ['tmpfs', false, undefined, '/tmp', true, undefined, undefined],
    ]);
  });

  it('rejects output that is not a container clearly', () => {
    assert.throws(() => parseContainerInspect('not json'), /did not return JSON/);
    assert.throws(() => parseContainerInspect('[]'), /no container/);
    assert.equal(parseMount({ Source: '/x' }), undefined);
  });

  it('reads Docker (JSON lines) and Podman (array) listings', () => {
    assert.deepEqual(parseContainerList('{"ID":"1","Names":"a","Image":"x","State":"running","Status":"Up","CreatedAt":"t"}\n{"ID":"2","Names":"b","Image":"y","State":"exited","Status":"Exited (0)","CreatedAt":"t"}').map((c) => [c.id, c.state]), [['1', 'running'], ['2', 'exited']]);
    assert.deepEqual(parseContainerList('[{"Id":"3","Names":["c"],"Image":"z","State":"Exited"}]').map((c) => [c.id, c.names, c.state]), [['3', 'c', 'exited']]);
    assert.deepEqual(parseVolumeList(`{"Name":"pgdata","Driver":"local"}\n{"Name":"${'b'.repeat(64)}","Driver":"local"}`).map((v) => [v.name.slice(0, 6), v.anonymous]), [['pgdata', false], ['bbbbbb', true]]);
    assert.deepEqual(parseContainerList(''), []);
  });

  it('reads the image config the run dialog offers defaults from', () => {
    const image = parseImageInspect(JSON.stringify([{ Id: 'sha256:ab', Config: { Env: ['PATH=/usr/bin', 'EMPTY=', 'A=b=c', 'broken'], User: 'app', Shell: ['/bin/bash', '-c'], Volumes: { '/app/shared': {} }, WorkingDir: '/app', ExposedPorts: { '8080/tcp': {} }, Entrypoint: ['./bin/avatar'], Cmd: null } }]));
    assert.deepEqual(image, {
      id: 'sha256:ab', env: new Map([['PATH', '/usr/bin'], ['EMPTY', ''], ['A', 'b=c']]), user: 'app', shell: ['/bin/bash', '-c'],
      volumes: ['/app/shared'], workdir: '/app', exposedPorts: ['8080/tcp'], entrypoint: ['./bin/avatar'], cmd: null,
    });
    const bare = parseImageInspect(JSON.stringify([{ Config: null }]));
    assert.deepEqual([bare.id, bare.env.size, bare.user, bare.shell], ['', 0, undefined, null]);
  });
});

describe('engine: explaining failures', () => {
  it('tells a stopped daemon from a socket permission problem from any other failure', () => {
    const docker = { executable: 'docker' };
    const result = (stderr: string) => ({ exitCode: 1, stdout: '', stderr });
    assert.equal(classify(docker, result('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?')).problem, 'daemon-not-running');
    assert.equal(classify(docker, result('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/info": dial unix /var/run/docker.sock: connect: permission denied')).problem, 'permission-denied');
    assert.equal(classify(docker, result('Error: No such image: nope')).problem, 'failed');
    assert.match(classify(docker, result('x\ny\nError: No such image: nope')).message, /exited with code 1: .*No such image/);
  });
});

describe('engine: BuildKit check results', () => {
  it('reads docker build --check JSON, after any progress output, and keeps what it cannot place at line 0', () => {
    const report = parseBuildkitCheck(`#1 building\n${JSON.stringify({
      warnings: [
        { ruleName: 'JSONArgsRecommended', detail: 'JSON arguments recommended for CMD', url: 'https://docs.docker.com/go/x', location: { ranges: [{ start: { line: 3 }, end: { line: 3 } }] } },
        { ruleName: 'UndefinedVar', description: 'Variables should be defined', location: {} },
        { detail: 'no rule name: skipped' },
        'not an object',
      ],
      buildError: { message: 'failed to parse check options', location: {} },
    })}`);
    assert.deepEqual(report, {
      warnings: [
        { rule: 'JSONArgsRecommended', line: 3, detail: 'JSON arguments recommended for CMD', url: 'https://docs.docker.com/go/x' },
        { rule: 'UndefinedVar', line: 0, detail: 'Variables should be defined', url: undefined },
      ],
      error: { message: 'failed to parse check options', line: 0 },
    });
    assert.deepEqual(parseBuildkitCheck('{"sources": []}'), { warnings: [], error: undefined });
    assert.throws(() => parseBuildkitCheck('ERROR: unknown flag: --call'), /no check result/);
    assert.throws(() => parseBuildkitCheck('{"warnings": ['), SyntaxError);
  });

  it('asks for the check as JSON, with an argv array', () => {
    assert.deepEqual(buildkitCheckArgv('/w/My Dockerfile', '/w'), ['buildx', 'build', '--progress=quiet', '--call=check,format=json', '--file', '/w/My Dockerfile', '/w']);
  });
});

describe('engine: building through buildx', () => {
  it('Build Image\'s argv with buildx: --load into the engine, plain progress, a named builder when one was picked', () => {
    const options = { dockerfile: '/w/Dockerfile', context: '/w', tag: 'app:1', network: 'none' };
    assert.deepEqual(buildArgv({ ...options, buildx: {} }), ['buildx', 'build', '--load', '--progress=plain', '--file', '/w/Dockerfile', '--tag', 'app:1', '--network', 'none', '/w']);
    assert.deepEqual(buildArgv({ ...options, buildx: { builder: 'remote-arm' } }).slice(0, 5), ['buildx', 'build', '--builder', 'remote-arm', '--load']);
    assert.deepEqual(buildArgv(options).slice(0, 2), ['build', '--file'], 'without buildx: docker build (podman, old engines)');
  });

  it('reads docker buildx ls --format json, one builder a line, skipping what is not one', () => {
    const stdout = [
      JSON.stringify({ Name: 'default', Driver: 'docker', Current: true, Nodes: [] }),
      JSON.stringify({ Name: 'ci', Driver: 'docker-container' }),
      'not json',
      JSON.stringify({ Driver: 'remote' }),
      '',
    ].join('\n');
    assert.deepEqual(parseBuildxList(stdout), [
      { name: 'default', driver: 'docker', current: true },
      { name: 'ci', driver: 'docker-container', current: false },
    ]);
  });
});
