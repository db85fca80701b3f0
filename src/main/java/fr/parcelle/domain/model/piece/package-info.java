/**
 * Pièces jointes and issued documents: their catalogue per kind of dossier (reference data with
 * legal references), the pièces received with their fingerprints, and the reasons a file is
 * refused.
 */
package fr.parcelle.domain.model.piece;
