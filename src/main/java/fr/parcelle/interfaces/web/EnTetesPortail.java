package fr.parcelle.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The portal's pages and assets: scripts and styles from this origin only (the portal has no inline
 * script; the DSFR's scripts set inline styles), never framed, no referrer to other sites, nothing
 * sniffed; HSTS once served over TLS. The API and the Camunda webapps set their own.
 */
@WebFilter(
    filterName = "EnTetesPortail",
    urlPatterns = {"", "/index.html", "/portail/*", "/dsfr/*"})
public class EnTetesPortail extends HttpFilter {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest requete, HttpServletResponse reponse, FilterChain suite)
      throws IOException, ServletException {
    reponse.setHeader("Content-Security-Policy", CSP);
    reponse.setHeader("X-Frame-Options", "DENY");
    reponse.setHeader("X-Content-Type-Options", "nosniff");
    reponse.setHeader("Referrer-Policy", "same-origin");
    reponse.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (requete.isSecure()) {
      reponse.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    suite.doFilter(requete, reponse);
  }
}
