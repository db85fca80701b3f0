/** Legal time limits: months counted from date to date, tacit decisions the day after expiry. */
package fr.parcelle.domain.model.delai;
