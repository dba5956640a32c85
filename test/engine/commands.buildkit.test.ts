// The engine layer of Build Image / Run with Volume / Inspect Mounts on BuildKit (Docker 28.5, buildx), as on the classic builder.
import '../helpers/useBuildkitEngine';
import './commands.engine.test';
