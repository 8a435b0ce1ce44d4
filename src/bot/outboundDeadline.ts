// Buys: a reply to an unreachable channel ends within OUTBOUND_TIMEOUT_MS (was 10 s and more: the SDK's
// client has no timeout and retries refused connections for ~7 s), so no request is held open for it.
//
// The Connector client's HTTP transport (its public `httpClient` option, in the legacy shape botbuilder's
// compatibility layer takes) sends through Azure's default client, with a deadline on the whole call:
// the signal is set on the pipeline's request, so the SDK's own retries and their waits end with it.
import { toCompatResponse, type WebResourceLike } from '@azure/core-http-compat';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import type { ConnectorClientOptions } from 'botframework-connector';

export function withOutboundDeadline(deadlineMs: number): ConnectorClientOptions {
  const transport = createDefaultHttpClient();
  /** Signals made here: a retry of the same call finds its deadline already set. */
  const deadlines = new WeakSet<AbortSignal>();
  const httpClient = {
    async sendRequest(resource: WebResourceLike) {
      if (!resource.abortSignal || !deadlines.has(resource.abortSignal as AbortSignal)) {
        const timeout = AbortSignal.timeout(deadlineMs);
        const deadline = resource.abortSignal ? AbortSignal.any([resource.abortSignal as AbortSignal, timeout]) : timeout;
        deadlines.add(deadline);
        resource.abortSignal = deadline;
      }
      const response = await transport.sendRequest(createPipelineRequest({
        url: resource.url,
        method: resource.method,
        headers: createHttpHeaders(resource.headers.toJson({ preserveCase: true })),
        body: resource.body,
        formData: resource.formData,
        withCredentials: resource.withCredentials,
        timeout: resource.timeout,
        requestId: resource.requestId,
        abortSignal: resource.abortSignal as AbortSignal,
        streamResponseStatusCodes: resource.streamResponseStatusCodes,
        proxySettings: resource.proxySettings,
        // As the SDK's client allows for a channel whose service URL is plain http (the Emulator, tests).
        allowInsecureConnection: resource.url.startsWith('http:'),
      }));
      return toCompatResponse(response, { createProxy: true });
    },
  };
  return { httpClient } as unknown as ConnectorClientOptions;
}
