"""Probability models for customer-base analysis, standard library only.

* ``bgnbd``: the BG/NBD purchase model (Fader, Hardie & Lee 2005);
* ``gamma_gamma``: the Gamma-Gamma spend model (Fader, Hardie & Lee 2005;
  Fader & Hardie 2013);
* ``clv``: discounted expected margin over a horizon, with time units;
* ``optimize``: the Nelder–Mead search both fits use.
"""
