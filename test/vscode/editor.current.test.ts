// The extension-host suite in the current VS Code (code-server 4.139.1 = VS Code 1.139, on Node 24).
import '../helpers/useCurrentVscode';
import './editor.test';
