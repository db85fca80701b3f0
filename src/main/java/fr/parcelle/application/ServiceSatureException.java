package fr.parcelle.application;

/**
 * Too many operations of this kind at once: the caller should retry shortly (503). Nothing was
 * done.
 */
public class ServiceSatureException extends RuntimeException {

  public ServiceSatureException() {
    super("Trop de dépôts simultanés : rien n'a été enregistré, réessayez dans quelques secondes.");
  }
}
