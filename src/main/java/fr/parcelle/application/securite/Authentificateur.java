package fr.parcelle.application.securite;

import java.util.Optional;

/** Checks credentials against the identity store and tells who the user is (port). */
public interface Authentificateur {

  /** The user if the password is right; empty otherwise (unknown login or wrong password alike). */
  Optional<Utilisateur> authentifier(String login, char[] motDePasse);

  /**
   * The user of an account already authenticated by the platform (a signed-in webapp session), or
   * empty if the account no longer exists.
   */
  Optional<Utilisateur> utilisateur(String login);
}
