package fr.parcelle.application.securite;

import java.util.Optional;

/**
 * Links identities vouched for by a provider to local accounts (port). Rights are local: the
 * provider says who someone is, the local account's groups say what they may do.
 */
public interface ComptesExternes {

  /**
   * The applicant's local account for this identity, created on first sign-in in the applicants'
   * group only. Never an existing agent's account, whatever the e-mail says.
   */
  Utilisateur demandeur(IdentiteExterne identite);

  /**
   * The agent's local account an administrator created for this person (matched by e-mail, then
   * pinned to the provider's subject), or empty: agents are never created by signing in.
   */
  Optional<Utilisateur> agent(IdentiteExterne identite);
}
