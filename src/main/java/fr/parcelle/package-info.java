/** Parcelle: filing and instruction of French urbanism permits (DAU), one package per DDD layer. */
package fr.parcelle;
