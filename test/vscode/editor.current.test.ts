// The extension-host suite in the current VS Code (code-server 4.139.1 = VS Code 1.139, on Node 24), on the
// current engine (Docker 28.5, BuildKit through buildx).
import '../helpers/useCurrentVscode';
import '../helpers/useBuildkitEngine';
import './editor.test';
