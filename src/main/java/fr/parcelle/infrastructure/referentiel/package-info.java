/** Versioned reference data files (communes, services instructeurs) loaded at start-up. */
package fr.parcelle.infrastructure.referentiel;
