package fr.parcelle.domain.model.dossier;

/** A demandeur is a natural person or a legal person (company, SCI, association, public body). */
public enum NaturePersonne {
  PARTICULIER,
  PERSONNE_MORALE
}
