// The base image's configuration read from the current engine (Docker 28.5), as from the classic one.
import '../helpers/useBuildkitEngine';
import './baseImages.engine.test';
