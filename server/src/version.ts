declare const STAGECRAFT_BUILD_VERSION: string | undefined;

/** Injected by the bundler from package.json; unbundled test builds report `dev`. */
export const STAGECRAFT_VERSION: string = typeof STAGECRAFT_BUILD_VERSION === 'string' ? STAGECRAFT_BUILD_VERSION : 'dev';
