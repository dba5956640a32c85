// The multi-stage apps on BuildKit (Docker 28.5, buildx): same behaviour, smaller image, as on the classic builder.
import '../helpers/useBuildkitEngine';
import './multistage.engine.test';
