/* stellar-composer.h: where the person writes a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STELLAR_TYPE_COMPOSER (stellar_composer_get_type ())

G_DECLARE_FINAL_TYPE (StellarComposer, stellar_composer, STELLAR, COMPOSER, GtkWidget)

char       *stellar_composer_dup_text         (StellarComposer *self);
void        stellar_composer_set_text         (StellarComposer *self,
                                               const char      *text);
const char *stellar_composer_get_placeholder  (StellarComposer *self);
void        stellar_composer_set_placeholder  (StellarComposer *self,
                                               const char      *placeholder);
const char *stellar_composer_get_blocker      (StellarComposer *self);
void        stellar_composer_set_blocker      (StellarComposer *self,
                                               const char      *blocker);
const char *stellar_composer_get_last_message (StellarComposer *self);
void        stellar_composer_set_last_message (StellarComposer *self,
                                               const char      *last_message);
gboolean    stellar_composer_send             (StellarComposer *self);

G_END_DECLS
