/** A document as `POST /documents` answers it. */
export interface UploadedDocument {
  id: string;
  caseId: string;
  name: string;
  mediaType: string;
  size: number;
}

/** Why an upload did not go through, as the server's closed list says (README). */
export type UploadRefusal =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'BAD_NAME'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NETWORK_ERROR'
  | 'UNEXPECTED';

export class UploadFailed extends Error {
  constructor(readonly reason: UploadRefusal) {
    super(`Upload refused: ${reason}`);
  }
}

const STATUS_REASON: Record<number, UploadRefusal> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_TYPE',
};

function refusalOf(status: number, body: unknown): UploadRefusal {
  const reason =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error?: { reason?: unknown } }).error?.reason
      : undefined;
  if (reason === 'EMPTY' || reason === 'TOO_LARGE' || reason === 'UNSUPPORTED_TYPE') return reason;
  if (reason === 'BAD_NAME') return 'BAD_NAME';
  return STATUS_REASON[status] ?? 'UNEXPECTED';
}

/**
 * Sends one file to a case as a raw body (README "Documents"), reporting progress. XHR rather
 * than fetch: only XHR reports upload progress. The session cookie goes along (same origin).
 */
export function uploadDocument(options: {
  organisation: string;
  caseId: string;
  file: File;
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}): Promise<UploadedDocument> {
  const { organisation, caseId, file, onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/documents?caseId=${encodeURIComponent(caseId)}&visibility=shared`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-Organisation', organisation);
    request.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) {
        onProgress?.(1);
        resolve(request.response as UploadedDocument);
      } else reject(new UploadFailed(refusalOf(request.status, request.response)));
    };
    request.onerror = () => reject(new UploadFailed('NETWORK_ERROR'));
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}

/**
 * Fetches a document with the tab's organisation and hands it to the browser as a download. The
 * file never opens in the page: the server sends it as an attachment, and the page only saves it.
 */
export async function downloadDocument(options: {
  organisation: string;
  path: string;
  name: string;
}): Promise<void> {
  const response = await fetch(options.path, {
    credentials: 'same-origin',
    headers: { 'X-Organisation': options.organisation },
  });
  if (!response.ok) throw new UploadFailed(STATUS_REASON[response.status] ?? 'UNEXPECTED');
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = options.name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
