package fr.parcelle.interfaces.web.connexion;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the session keeps between the redirection to the provider and its answer: the random {@code
 * state} (ties the answer to this browser), the {@code nonce} (ties the ID token to this request),
 * the PKCE verifier (ties the code to us) and where to go afterwards.
 */
public record DemandeEnCours(
    String fournisseur,
    String state,
    String nonce,
    String verificateurPkce,
    String redirection,
    String retour,
    Instant creeeLe)
    implements Serializable {}
