package fr.parcelle.interfaces.web.connexion;

import fr.parcelle.application.securite.IdentiteExterne;

/**
 * The outcome of a successful code flow: who the provider says the person is, and the raw ID token
 * (kept in the session as {@code id_token_hint} for the provider's logout, never logged).
 */
public record IdentiteOidc(IdentiteExterne identite, String idToken, String siret) {}
