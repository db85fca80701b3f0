package fr.parcelle.interfaces.web.connexion;

/**
 * A sign-in refused: {@code message} is for the person (French, says nothing an attacker can use),
 * {@code raison} for the log (what check failed; never a token or a secret).
 */
public class ConnexionRefusee extends Exception {

  private final String raison;

  public ConnexionRefusee(String message, String raison) {
    super(message);
    this.raison = raison;
  }

  public ConnexionRefusee(String message, String raison, Throwable cause) {
    super(message, cause);
    this.raison = raison;
  }

  public String raison() {
    return raison;
  }
}
