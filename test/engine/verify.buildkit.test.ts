// `convert --verify` on BuildKit (Docker 28.5, buildx): the same apps verify the same, as on the classic builder.
import '../helpers/useBuildkitEngine';
import './verify.engine.test';
