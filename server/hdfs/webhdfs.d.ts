// The webhdfs package ships no types and DefinitelyTyped has none; this declares the part of
// its callback API that Crowdwatch uses (lib/webhdfs.js of webhdfs 1.2.0).
declare module 'webhdfs' {
  import type { Writable, Readable } from 'node:stream'

  interface WebHdfsOptions {
    host: string
    port: number | string
    path: string
    user?: string
    protocol?: 'http' | 'https'
  }

  type Done = (error: Error | null) => void

  interface WebHdfsClient {
    writeFile(path: string, data: Buffer | string, callback: Done): Writable
    appendFile(path: string, data: Buffer | string, callback: Done): Writable
    readFile(path: string, callback: (error: Error | null, data: Buffer) => void): void
    createWriteStream(path: string, append?: boolean): Writable
    createReadStream(path: string): Readable
    mkdir(path: string, callback: Done): void
    exists(path: string, callback: (exists: boolean) => void): void
    unlink(path: string, recursive: boolean, callback: Done): void
  }

  export function createClient(options: WebHdfsOptions, requestParams?: object): WebHdfsClient
}
