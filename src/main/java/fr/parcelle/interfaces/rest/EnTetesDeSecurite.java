package fr.parcelle.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** API answers are data for one caller: never cached, never sniffed, never framed. */
@Provider
public class EnTetesDeSecurite implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext requete, ContainerResponseContext reponse) {
    reponse.getHeaders().putSingle("Cache-Control", "no-store");
    reponse.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    reponse
        .getHeaders()
        .putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    reponse.getHeaders().putSingle("Referrer-Policy", "no-referrer");
  }
}
