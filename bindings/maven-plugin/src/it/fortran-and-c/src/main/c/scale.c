// SPDX-License-Identifier: Apache-2.0
/* The C half of the demo library. DEMO_SCALE comes from the plugin's <compilerFlags>. */
#ifndef DEMO_SCALE
#error "DEMO_SCALE is not defined: the plugin did not pass <compilerFlags>"
#endif

double scale_factor(void)
{
    return DEMO_SCALE;
}
