"""The home pages' data: a firm member's own status (the blocks of the firm home page)."""

from ninja import Router

from .firm_home import firm_status

router = Router(tags=["home"])


@router.get("/firm", response=list[dict])
def firm_home(request):
    """One block per manufacturing firm the user belongs to; only that firm's own records."""
    blocks = firm_status(request.user)
    for block in blocks:
        for deadline in block["deadlines"]:
            deadline["on"] = deadline["on"].isoformat()
        if block["report"]:
            block["report"]["issued_on"] = block["report"]["issued_on"].isoformat()
    return blocks
