// The 15 effective-command cases on BuildKit (Docker 28.5, buildx), as on the classic builder.
import '../helpers/useBuildkitEngine';
import './effectiveCommand.engine.test';
