/** The requester-facing addresses of one request, under the API's public base URL. */
export function requestLinks(publicBaseUrl: string, id: string, lang: string) {
  const base = `${publicBaseUrl.replace(/\/$/, '')}/requests/${encodeURIComponent(id)}`;
  return {
    verifyUrl: `${base}/verify`,
    resendUrl: `${base}/resend`,
    downloadUrl: `${base}/download`,
    /**
     * The emailed link: opening it verifies, as typing the code would. It carries the email's status
     * token, so the page it opens can link back to the request's status page.
     */
    verifyLink: (code: string, statusToken: string) =>
      `${base}/verify?code=${code}&lang=${lang}&token=${encodeURIComponent(statusToken)}`,
    statusUrl: (token: string) => `${base}/status?token=${encodeURIComponent(token)}&lang=${lang}`,
    /** Starts an ID-porten sign-in for this request; behind the status token, like the status page. */
    eidUrl: (token: string) => `${base}/eid?token=${encodeURIComponent(token)}&lang=${lang}`,
    policyUrl: `${publicBaseUrl.replace(/\/$/, '')}/policy?lang=${lang}`,
  };
}
