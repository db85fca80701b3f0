/**
 * Legal time limits: months counted from date to date, tacit decisions the day after expiry; the
 * délai of a request with its majorations and the nature of its tacit decision.
 */
package fr.parcelle.domain.model.delai;
