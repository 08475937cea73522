"""Pages of the ticketing, by user: the agenda (everyone), bookings and actionneurs
(référents, desks), the partner's space (cultural partners), Choreia (company employees),
desks and figures (ticketing team)."""
