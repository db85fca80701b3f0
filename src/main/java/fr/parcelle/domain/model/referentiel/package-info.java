/**
 * The legal reference data the domain reads: kinds and their délais, contraintes, pièce catalogue,
 * thresholds.
 */
package fr.parcelle.domain.model.referentiel;
