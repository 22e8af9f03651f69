"""Help: the keys that matter and the answer syntax, with examples."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Help

## Keys
| where | keys |
|---|---|
| everywhere | **F1** help (**?** too, when not typing an answer) · **ctrl+p** command palette (lessons, quiz, lab, theme) · **ctrl+q** quit |
| home | **↑ ↓** choose · **Enter** open · **c** continue (see *What next*) · **r** review what is due · **1 2 3** drill one of your usual slips · **z** quiz · **l** lab · **m** the prerequisite map |
| prerequisite map | **↑ ↓** choose · **Enter** open the lesson · **Esc** back |
| lesson pages | **→** / **n** next page · **←** / **p** previous · **e** exercises · **Esc** back |
| exercise | **Enter** check · **F2** hint · **F3** solution · **ctrl+n** or **PgDn** next · **PgUp** previous · **F4** new variant · **ctrl+b** one box per component · **F7** drill a slip you just made twice · **Esc** back |
| choice | **a b c** or **1 2 3**, or arrows and **Enter**, or click |
| quiz setup | **F5** start · **F2** all lessons / none · **Esc** back |
| quiz, review, drill | **Enter** check · **ctrl+n** or **PgDn** next (asks before skipping) · **Esc** leave (asks first) |
| quiz summary | **r** retry the ones you missed · **h** home |
| lab | **F5** one step · **F6** run / pause · **F7** reset · **F8** next chart · **F9** linear/log or contour/heat · **1–6** a chart (5: plain, momentum and Adam side by side; 6: the Hessian's eigen-directions) · **Esc** back |
| lab settings | **Tab** to a box · **Enter** applies it · **Esc** leaves it, and **1–6** pick a chart again; **F5**–**F9** and **?** work from a box too |
| descent by hand | type the parameters after the step (`w = 1.6, b = 0.8`) · **Enter** check · **F6** open the lab when done |

The mouse works everywhere: click buttons, lessons and options.

## Typing answers
| you type | it means |
|---|---|
| `2x`, `6xy`, `2 x y` | 2·x, 6·x·y (juxtaposition multiplies) |
| `x^2`, `x**2`, `x²` | x squared |
| `e^x`, `exp(x)`, `e^(wx+b)` | the exponential |
| `ln(x)`, `log(x)` | the natural logarithm; `log(x, 2)` is base 2 |
| `sqrt(x)`, `√x`, `√(x+1)` | square roots |
| `sin x`, `sin(2x)`, `sin^2(x)` | sin(x), sin(2x), sin(x)² |
| `\\|x\\|`, `abs(x)`, `sign(x)` | absolute value, sign |
| `sigmoid(z)`, `softplus(z)`, `tanh(z)` | the functions ML uses |
| `(2x + y, x + 2y)`, `[…]`, `⟨…⟩` | a vector (a gradient) |
| `w = 1.6, b = 0.8` | named values, in any order |
| `1/2`, `0.5`, `-3`, `pi`, `π` | numbers (decimals are exact: 0.5 is 1/2) |

As you type, the line under the box shows how your answer was read. Some readings to know:
`1/2x` is (1/2)·x — type `1/(2x)` to divide by 2x; `e^2x` is e²·x — type `e^(2x)`;
`sin x^2` is sin(x²); `-x^2` is −(x²).

## What next
**Continue** (**c**) and the line above the lessons follow one rule, in this order:
1. **Reviews due.** Every exercise you have solved comes back for review on the day it is due
   (*Review: N due*). A review asks the same exercise with new numbers, without a timer, two tries.
2. **An unfinished exercise of the lesson you are in** (or its next page, if you were reading).
3. **The next lesson whose prerequisites are met** (half of each prerequisite's exercises solved);
   when none is, the next unfinished lesson all the same. A finished lesson is never the target.

## Reviews
How you did decides when an exercise comes back (the FSRS scheduler, as in Anki), with no
question asked: right at the first try without help is *good* (and *easy* if within 20 seconds);
right after wrong tries, or with a hint, is *hard*; the worked solution shown, out of tries or
skipped is *again*, and it comes back within a day or two. Each passed review spaces the next
one further out. The review summary says when each one comes back.

## Your usual slips
Each mistake the tutor names (*wrong-variable*, *sign*, …) is counted. The second time you make
the same one, the tutor offers a short drill on it (**F7**): three items that train exactly that
(for a wrong variable, derivatives where you must freeze the other variable). Home lists your
commonest slips; **1**, **2** or **3** drills one.

## Mastery
The **%** beside a lesson (under the list) is how reliably you answer its exercises lately: each
right answer moves an exercise 30 % of the way to 100 %, each wrong answer takes 30 % of it away,
and an exercise never tried counts 0. Answers copied from a shown solution do not raise it;
reviews do. A lesson is **★ mastered** when every exercise is solved *and* each one's latest
spaced review was passed and is not due again yet. The bar and *n/m* count exercises solved.

## Feedback
A wrong answer gets the mistake it matches (for example *kept-constant-term*, *wrong-variable*,
*dropped-chain-factor*, *sign*) and a point where your answer and the right one differ.
After two wrong tries a hint is offered. The solution counts the exercise as not solved.

Press **Esc** to close this help.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def on_mount(self) -> None:
        self.query_one("#help").focus()  # the arrows and page keys scroll it at once
